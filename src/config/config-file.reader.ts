import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseDocument } from 'yaml';
import { ConfigError } from './config-error.js';
import { gotExpected } from '../shared/describe-value.js';

/**
 * Reads and parses the configuration file: JSON for `.json`, YAML for `.yaml`/`.yml`, otherwise JSON when the text
 * starts with `{` and YAML else. An empty YAML document is an empty configuration. Throws ConfigError naming `key`
 * (`--config` or `OBAS_CONFIG`) when the file is missing or unparseable.
 */
export function readConfigFile(absolutePath: string, key: string): unknown {
  let text: string;
  try {
    text = readFileSync(absolutePath, 'utf8');
  } catch {
    throw new ConfigError([{ key, problem: gotExpected(absolutePath, 'a readable JSON or YAML file') }]);
  }
  const extension = extname(absolutePath).toLowerCase();
  const asJson = extension === '.json' || (extension !== '.yaml' && extension !== '.yml' && text.trimStart().startsWith('{'));
  return asJson ? parseJson(text, absolutePath, key) : parseYaml(text, absolutePath, key);
}

function parseJson(text: string, file: string, key: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError([{ key, problem: `got ${file} with invalid JSON (${reason}), expected valid JSON` }]);
  }
}

function parseYaml(text: string, file: string, key: string): unknown {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const first = document.errors[0];
  if (first !== undefined) {
    const where = first.linePos?.[0];
    const at = where === undefined ? '' : ` at line ${where.line}, column ${where.col}`;
    const reason = first.message.split('\n')[0] ?? first.code;
    throw new ConfigError([{ key, problem: `got ${file} with invalid YAML${at} (${reason}), expected valid YAML` }]);
  }
  return document.toJS() ?? {};
}
