export type FieldError = { field: string; code: string; message?: string };

/** The members of an RFC 9457 problem document that the UI relies on. */
type Problem = {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  requestId?: string;
  errors?: FieldError[];
  retryAfter?: number;
};

/**
 * Every failed API call becomes an ApiError. `code` is the server's stable error
 * code (e.g. "auth.invalid_credentials"), which the UI translates; "network" means
 * the server could not be reached, "unknown" that the answer was not a problem document.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly requestId: string | undefined;
  readonly fieldErrors: FieldError[];
  /** Seconds until the client may try again (429). */
  readonly retryAfter: number | undefined;

  constructor(init: {
    status: number;
    code: string;
    message?: string;
    detail?: string;
    requestId?: string;
    fieldErrors?: FieldError[];
    retryAfter?: number;
    cause?: unknown;
  }) {
    super(init.message ?? init.code, { cause: init.cause });
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.requestId = init.requestId;
    this.fieldErrors = init.fieldErrors ?? [];
    this.retryAfter = init.retryAfter;
  }

  static network(cause: unknown): ApiError {
    return new ApiError({ status: 0, code: 'network', message: 'network error', cause });
  }

  /** Builds the error from a parsed response body (problem+json or anything else). */
  static fromResponse(response: Response, body: unknown): ApiError {
    const problem: Problem = body !== null && typeof body === 'object' ? (body as Problem) : {};
    const header = Number(response.headers.get('Retry-After'));
    const retryAfter =
      typeof problem.retryAfter === 'number' ? problem.retryAfter : Number.isFinite(header) && header > 0 ? header : undefined;
    return new ApiError({
      status: response.status,
      code: typeof problem.code === 'string' && problem.code !== '' ? problem.code : 'unknown',
      message: problem.detail ?? problem.title ?? `HTTP ${response.status}`,
      detail: problem.detail,
      requestId: problem.requestId ?? response.headers.get('X-Request-Id') ?? undefined,
      fieldErrors: Array.isArray(problem.errors)
        ? problem.errors.filter((e): e is FieldError => typeof e?.field === 'string' && typeof e?.code === 'string')
        : [],
      retryAfter,
    });
  }

  /** The field error for one input, if the server reported one. */
  fieldError(field: string): FieldError | undefined {
    return this.fieldErrors.find((e) => e.field === field);
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}
