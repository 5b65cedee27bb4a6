/**
 * Handlebars templates of the generated package (templates/package/*.hbs). Compiled once per
 * process; `noEscape` because they produce code, not HTML: every value put into a template is
 * already code (quoted with JSON.stringify, comments built by comments.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';

export const TEMPLATE_DIR = join(import.meta.dirname, '..', '..', 'templates', 'package');

const hbs = Handlebars.create();
hbs.registerHelper('json', (v: unknown) => JSON.stringify(v));
hbs.registerHelper('jsonPretty', (v: unknown) => JSON.stringify(v, null, 2));

const cache = new Map<string, Handlebars.TemplateDelegate>();

export function render(name: string, data: object): string {
  let t = cache.get(name);
  if (!t) {
    t = hbs.compile(readFileSync(join(TEMPLATE_DIR, name), 'utf8'), { noEscape: true, strict: true });
    cache.set(name, t);
  }
  return t(data);
}
