import * as vscode from 'vscode';
import { registerConvertCommands } from './commands/convert';

/**
 * Registers the commands and providers. Cheap on purpose: nothing is converted
 * and no dictionary is loaded here; the conversion core builds a direction's
 * dictionaries the first time it is used.
 */
export function activate(context: vscode.ExtensionContext): void {
  registerConvertCommands(context);
}

export function deactivate(): void {}
