/**
 * Hovers on entities: a money's amount in full and in 万/亿 (and in 元 only at a
 * configured rate), a date's normalised value or period (relative ones resolved
 * against the text's own date, or said to be unresolved), a project's mentions
 * (as links), figures and dates. The wording is here; the values come from the
 * core (core/present.ts, core/relations.ts).
 */
import * as vscode from 'vscode';
import { amountForms, valueInYuan } from '../core/present';
import type { ProjectInfo } from '../core/relations';
import { uncertainMark } from './labels';
import type { Entity } from '../core/types';
import { readSettings, type EditorSettings } from './config';
import type { DocumentCache } from './documentCache';
import { rangeOf } from './decorations';

export const REVEAL_COMMAND = 'policyLens.revealRange';

/** A command link that reveals and selects [start, end) of a document. */
export function revealLink(label: string, uri: vscode.Uri, start: number, end: number): string {
  const args = encodeURIComponent(JSON.stringify([uri.toString(), start, end]));
  return `[${label}](command:${REVEAL_COMMAND}?${args} "${vscode.l10n.t('Go to this mention')}")`;
}

const esc = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');

function currencyLabel(code: string | undefined): string {
  if (!code) return vscode.l10n.t('currency not stated');
  return code === 'CNY' ? vscode.l10n.t('yuan (CNY)') : code;
}

export function moneyHover(e: Entity, doc: vscode.TextDocument, projects: readonly ProjectInfo[], settings: EditorSettings): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${vscode.l10n.t('Money')}** · ${esc(e.text)}\n\n`);
  const forms = amountForms(e);
  const unit = e.currency === 'CNY' ? '元' : (e.currency ?? '');
  if (forms) {
    md.appendMarkdown(`- ${vscode.l10n.t('Amount: {0}', `\`${forms.full}\` ${unit}`)}\n`);
    md.appendMarkdown(`- ${vscode.l10n.t('In ten thousands: {0}', `\`${forms.wan}\` 万${unit}`)}\n`);
    md.appendMarkdown(`- ${vscode.l10n.t('In hundred millions: {0}', `\`${forms.yi}\` 亿${unit}`)}\n`);
  } else {
    md.appendMarkdown(`- ${vscode.l10n.t('No exact amount (a range or an approximate figure).')}\n`);
  }
  md.appendMarkdown(`- ${vscode.l10n.t('Currency: {0}', currencyLabel(e.currency))}\n`);
  const yuan = valueInYuan(e, settings.exchangeRates);
  if (yuan !== undefined && e.currency) {
    const v = yuan.toLocaleString('en-US', { maximumFractionDigits: 2 });
    md.appendMarkdown(`- ${vscode.l10n.t('In yuan at your rate ({0} per {1}): {2}', String(settings.exchangeRates[e.currency]), e.currency, `\`${v}\` 元`)}\n`);
  }
  const rel = figureOwner(e, projects);
  if (rel) md.appendMarkdown(`- ${vscode.l10n.t('Project: {0}', `${revealLink(esc(rel.project.name), doc.uri, rel.project.mentions[0].start, rel.project.mentions[0].end)}${rel.label ? ` (${esc(rel.label)})` : ''}`)}\n`);
  md.appendMarkdown(`- ${vscode.l10n.t('Confidence: {0}', confidenceText(e))}\n`);
  md.isTrusted = { enabledCommands: [REVEAL_COMMAND] };
  return md;
}

export function dateHover(e: Entity, doc: vscode.TextDocument, projects: readonly ProjectInfo[], referenceDate: string | undefined): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${vscode.l10n.t('Date')}** · ${esc(e.text)}\n\n`);
  if (e.value !== undefined) {
    md.appendMarkdown(`- ${vscode.l10n.t('Date: {0}', `\`${e.value}\``)}\n`);
    if (e.resolved !== undefined && e.resolved !== e.value) md.appendMarkdown(`- ${vscode.l10n.t('Period: {0}', `\`${e.resolved}\``)}\n`);
  } else if (e.resolved !== undefined) {
    md.appendMarkdown(
      `- ${referenceDate ? vscode.l10n.t('Resolved: {0} (against the date of the text, {1})', `\`${e.resolved}\``, referenceDate) : vscode.l10n.t('Resolved: {0}', `\`${e.resolved}\``)}\n`,
    );
  } else {
    md.appendMarkdown(`- ${referenceDate ? vscode.l10n.t('Unresolved: the text does not say which year this is.') : vscode.l10n.t('Unresolved: the text states no date of its own to resolve it against.')}\n`);
  }
  const rel = dateOwner(e, projects);
  if (rel) md.appendMarkdown(`- ${vscode.l10n.t('Project: {0}', `${revealLink(esc(rel.project.name), doc.uri, rel.project.mentions[0].start, rel.project.mentions[0].end)}${rel.label ? ` (${esc(rel.label)})` : ''}`)}\n`);
  md.appendMarkdown(`- ${vscode.l10n.t('Confidence: {0}', confidenceText(e))}\n`);
  md.isTrusted = { enabledCommands: [REVEAL_COMMAND] };
  return md;
}

export function projectHover(p: ProjectInfo, doc: vscode.TextDocument): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${vscode.l10n.t('Project')}** · ${esc(p.name)}\n\n`);
  const lines = p.mentions.map((m) => revealLink(String(doc.positionAt(m.start).line + 1), doc.uri, m.start, m.end));
  md.appendMarkdown(`${p.mentions.length === 1 ? vscode.l10n.t('1 mention, line {0}', lines[0]) : vscode.l10n.t('{0} mentions, lines {1}', String(p.mentions.length), lines.join(', '))}\n\n`);
  if (p.figures.length) {
    md.appendMarkdown(`**${vscode.l10n.t('Figures')}**\n\n`);
    for (const f of p.figures) {
      const forms = amountForms(f.entity);
      const line = revealLink(vscode.l10n.t('line {0}', String(doc.positionAt(f.entity.start).line + 1)), doc.uri, f.entity.start, f.entity.end);
      md.appendMarkdown(`- ${f.measure ? `${esc(f.measure)} ` : ''}${esc(f.entity.text)}${forms ? ` = \`${forms.full}\` ${f.entity.currency ?? ''}` : ''} (${line})${uncertain(f.confidence)}\n`);
    }
    md.appendMarkdown('\n');
  }
  if (p.dates.length) {
    md.appendMarkdown(`**${vscode.l10n.t('Dates')}**\n\n`);
    for (const d of p.dates) {
      const v = d.entity.value ?? d.entity.resolved;
      const line = revealLink(vscode.l10n.t('line {0}', String(doc.positionAt(d.entity.start).line + 1)), doc.uri, d.entity.start, d.entity.end);
      md.appendMarkdown(`- ${d.event ? `${esc(d.event)} ` : ''}${esc(d.entity.text)}${v !== undefined ? ` = \`${v}\`` : ''} (${line})${uncertain(d.confidence)}\n`);
    }
    md.appendMarkdown('\n');
  }
  if (!p.figures.length && !p.dates.length) md.appendMarkdown(`${vscode.l10n.t('The text gives no figure or date for it.')}\n`);
  md.isTrusted = { enabledCommands: [REVEAL_COMMAND] };
  return md;
}

/** A relation the core is not sure of is marked, as in the Projects view. */
function uncertain(confidence: number): string {
  const mark = uncertainMark(confidence);
  return mark ? ` *${mark}*` : '';
}

function confidenceText(e: Entity): string {
  return e.confidence === undefined ? '—' : e.confidence.toFixed(2);
}

function figureOwner(e: Entity, projects: readonly ProjectInfo[]): { project: ProjectInfo; label?: string } | undefined {
  for (const p of projects) for (const f of p.figures) if (f.entity.start === e.start && f.entity.end === e.end) return { project: p, label: f.measure };
  return undefined;
}

function dateOwner(e: Entity, projects: readonly ProjectInfo[]): { project: ProjectInfo; label?: string } | undefined {
  for (const p of projects) for (const d of p.dates) if (d.entity.start === e.start && d.entity.end === e.end) return { project: p, label: d.event };
  return undefined;
}

export class EntityHoverProvider implements vscode.HoverProvider {
  constructor(private readonly cache: DocumentCache) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const entry = this.cache.get(doc.uri);
    if (!entry || entry.version !== doc.version) return undefined;
    const offset = doc.offsetAt(position);
    const e = entry.entities.find((x) => x.start <= offset && offset < x.end);
    if (!e) return undefined;
    const settings = readSettings(doc.uri);
    const range = rangeOf(doc, e);
    if (e.type === 'money') return new vscode.Hover(moneyHover(e, doc, entry.projects, settings), range);
    if (e.type === 'date') return new vscode.Hover(dateHover(e, doc, entry.projects, entry.facts?.referenceDate), range);
    const p = entry.projects.find((x) => x.mentions.some((m) => m.start === e.start && m.end === e.end)) ?? entry.projects.find((x) => x.name === e.name);
    if (!p) {
      // Projects not read yet (the segmenter is loading): the name alone.
      return new vscode.Hover(new vscode.MarkdownString(`**${vscode.l10n.t('Project')}** · ${esc(e.name ?? e.text)}`), range);
    }
    return new vscode.Hover(projectHover(p, doc), range);
  }
}
