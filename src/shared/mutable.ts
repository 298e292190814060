/** `T` without `readonly`, for building a record whose optional members are set only when present. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
