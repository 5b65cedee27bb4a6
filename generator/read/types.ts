/**
 * What the read stage hands to the parse stage: a page split into lines, headings, fences and
 * raw tables whose cells still hold the page's own markup, each piece with its line numbers.
 */
import type { ColumnRole, Diagnostic, DocFormat, Lang, TableLayout, TableTrait, TextLine } from '../model/ir.ts';
import type { SectionKind } from './vocab.ts';

export interface Heading {
  text: string;
  /** 1-6 for markdown headings; 2 for headings recognised in scraped text. */
  level: number;
  line: number;
  kind: SectionKind;
  /** The heading's anchor id (`## KeyMetadata {#section_28947_03 .section}`, `<a name="x">` in it), or null. */
  id: string | null;
}

export interface Fence {
  /** Line of the opening fence. */
  open: number;
  /** Line of the closing fence, or null when never closed. */
  close: number | null;
  info: string;
}

export interface Link {
  url: string;
  text: string;
  line: number;
}

/** A link inside a cell: its destination and its text (clean), with the line it is on. */
export interface CellLink {
  url: string;
  text: string;
  line: number;
}

/** One cell: its raw text split by physical line (a cell may span lines). */
export interface RawCell {
  parts: TextLine[];
  /**
   * The cell's links, for cells whose text is plain text already (HTML tables: `<a href>`);
   * markdown cells keep theirs in the text (see `cellLinks` in ./inline.ts).
   */
  links?: CellLink[];
}

export interface RawRow {
  /** Cells aligned to the header's columns (padded or merged when the count was off). */
  cells: RawCell[];
  line: number;
  endLine: number;
  /** Category from a group row above (cell-per-line layout) or a category column. */
  group: string | null;
}

export interface RawTable {
  layout: TableLayout;
  /** The cell text is markdown (pipe tables) or plain text scraped from HTML. */
  markup: 'markdown' | 'text';
  header: string[];
  roles: ColumnRole[];
  line: number;
  /** The nearest heading above the table. */
  heading: Heading | null;
  /**
   * A caption right above the table, cleaned: `Table 1. Request body parameters`, `**表 3**  vpc对象`,
   * a bold name (`**AvailableZoneType**`), a sentence naming the parameter the table details
   * ("The following table describes the fields of the Sources parameter.").
   */
  caption: string | null;
  /** The HTTP status a line above the table names (`**状态码为 400 时:**`), or null. */
  status: number | null;
  /** Anchor ids right above the table (`<a name="table33750194"></a>`) or on its `<table id>`. */
  anchors: string[];
  /** How the table departs from its layout's plain form (see TableTrait). */
  traits: TableTrait[];
  rows: RawRow[];
}

export interface ReadDocument {
  file: string;
  hash: string;
  lang: Lang;
  format: DocFormat;
  /** The page's lines (BOM removed, CRLF normalised); `lines[0]` is line 1. */
  lines: string[];
  headings: Heading[];
  fences: Fence[];
  /**
   * The links on the page's prose lines (not in tables or code), in page order. Parsed on
   * request and only on the lines `select` keeps (every line that may hold a link by default):
   * most pages have many links and a consumer wants one or two of them.
   */
  links(select?: (line: string) => boolean): Link[];
  tables: RawTable[];
  diagnostics: Diagnostic[];
}
