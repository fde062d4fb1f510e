/** Wording shared by several surfaces (hovers, the Projects view). */
import * as vscode from 'vscode';
import { CONFIDENT_RELATION } from '../core/relations';

/** The mark of a relation the core is not sure of (an earlier sentence, a pronoun): check it in the text. */
export function uncertainMark(confidence: number): string {
  return confidence < CONFIDENT_RELATION ? vscode.l10n.t('(uncertain)') : '';
}
