import { pino, stdTimeFunctions, type DestinationStream, type Logger } from 'pino';
import type { ObasConfig } from '../config/config.types.js';

/**
 * The logger obas writes its JSON lines with (DESIGN.md "logs"), one definition for `obas start` and the tests:
 * `time` as an ISO 8601 UTC timestamp, `service: "obas"`, at the configured level; to stdout unless told otherwise.
 */
export function createObasLogger(level: ObasConfig['logLevel'], destination?: DestinationStream): Logger {
  const options = { level, base: { service: 'obas' }, timestamp: stdTimeFunctions.isoTime };
  return destination === undefined ? pino(options) : pino(options, destination);
}
