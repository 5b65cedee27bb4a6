/**
 * Where the static sources of the generated package live (templates/package/): the shared
 * runtime, copied as it is (one numeric default filled in through the codegen layer). Every
 * other file of the package is built by the code-construction layer (./codegen).
 */
import { join } from 'node:path';

export const TEMPLATE_DIR = join(import.meta.dirname, '..', '..', 'templates', 'package');
