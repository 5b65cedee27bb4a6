/** Temporary git repositories for the diff tests (git itself; no library). */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function git(repo: string, args: string[], date = '2021-01-01'): string {
  const stamp = `${date}T12:00:00+00:00`;
  const r = spawnSync('git', ['-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false', '-C', repo, ...args], {
    encoding: 'utf8',
    maxBuffer: 2 ** 28,
    env: { ...process.env, GIT_OPTIONAL_LOCKS: '0', GIT_AUTHOR_NAME: 'docs', GIT_AUTHOR_EMAIL: 'docs@example.invalid', GIT_COMMITTER_NAME: 'docs', GIT_COMMITTER_EMAIL: 'docs@example.invalid', GIT_AUTHOR_DATE: stamp, GIT_COMMITTER_DATE: stamp },
  });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

export function hasGit(): boolean {
  return spawnSync('git', ['--version']).status === 0;
}

export function newRepo(prefix: string): string {
  const repo = mkdtempSync(join(tmpdir(), prefix));
  git(repo, ['init', '-q', '-b', 'main']);
  return repo;
}

/** Write (or copy) files into the repository and commit them all on `date`. */
export function commit(repo: string, message: string, date: string, files: Record<string, string | { copy: string }>): void {
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(repo, rel);
    mkdirSync(dirname(abs), { recursive: true });
    if (typeof content === 'string') writeFileSync(abs, content);
    else cpSync(content.copy, abs, { recursive: true });
  }
  git(repo, ['add', '-A'], date);
  git(repo, ['commit', '-q', '-m', message], date);
}
