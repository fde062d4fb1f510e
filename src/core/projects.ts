import type { Normalized } from './normalize';
import type { DocContext, Span } from './types';
export function findProjects(_norm: Normalized, _ctx: DocContext): Span[] { return []; }
