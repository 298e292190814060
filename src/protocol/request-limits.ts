/** Request limits applied by every endpoint. */
export interface RequestLimits {
  /** Largest request body accepted, in bytes. */
  readonly bodyBytes: number;
  /** Most form/query parameters accepted in one request. */
  readonly parameters: number;
  /** Longest single parameter value, in characters. */
  readonly parameterLength: number;
}
