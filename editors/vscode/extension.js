// extension.js - starts `ecslint lsp` for Compose files; the server does
// the linting, VS Code shows its diagnostics with links to the rule pages.
'use strict';

const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

// Compose file names (compose.yaml, docker-compose.prod.yml, ...), in any folder.
const composeFiles = '**/{compose,docker-compose}*.{yaml,yml}';

function activate(context) {
  const config = vscode.workspace.getConfiguration('ecslint');
  const command = config.get('path') || 'ecslint';
  const serverOptions = {
    run: { command, args: ['lsp'], transport: TransportKind.stdio },
    debug: { command, args: ['lsp'], transport: TransportKind.stdio },
  };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml', pattern: composeFiles },
      { scheme: 'file', language: 'dockercompose', pattern: composeFiles },
      { scheme: 'untitled', language: 'dockercompose' },
    ],
  };
  client = new LanguageClient('ecslint', 'ecslint', serverOptions, clientOptions);
  context.subscriptions.push({ dispose: () => client && client.stop() });
  client.start().catch((err) => {
    vscode.window.showErrorMessage(
      `ecslint: cannot start "${command} lsp" (${err.message}). Install ecslint or set ecslint.path.`);
  });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
