import type {KubeStatus} from '../client/types.js';
import {STATUS_REASONS as REASONS} from '../client/errors.js';


/** A Status failure the router turns into a response; thrown from anywhere in request handling. */
export class StatusError extends Error {
  constructor(readonly status: KubeStatus) {
    super(status.message);
  }
  get code(): number {
    return this.status.code ?? 500;
  }
}

/** Identifies a resource in messages the way apimachinery's GroupResource.String() does. */
export interface GroupResource {
  group: string;
  resource: string;
}

export function qualified(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

function details(gr: GroupResource | undefined, name?: string): KubeStatus['details'] {
  const d: NonNullable<KubeStatus['details']> = {};
  if (name) d.name = name;
  if (gr?.group) d.group = gr.group;
  if (gr) d.kind = gr.resource;
  return d;
}

export function status(code: number, message: string, extra: Partial<KubeStatus> = {}): KubeStatus {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason: extra.reason ?? REASONS[code] ?? '',
    ...(extra.details ? {details: extra.details} : {}),
    code,
  };
}

export function fail(code: number, message: string, extra: Partial<KubeStatus> = {}): never {
  throw new StatusError(status(code, message, extra));
}

interface Errors {
  notFound(gr: GroupResource, name: string): never;
  noResource(): never;
  alreadyExists(gr: GroupResource, name: string): never;
  conflict(gr: GroupResource, name: string, why: string): never;
  staleResourceVersion(gr: GroupResource, name: string): never;
  badRequest(message: string): never;
  invalid(gr: GroupResource, kind: string, name: string, causes: Array<{field: string; message: string; reason?: string}>): never;
  fail500(message: string): never;
  unauthorized(): never;
  methodNotAllowed(): never;
  unsupportedMediaType(): never;
  expired(rv: string, oldest: number): KubeStatus;
}

/** Status failures worded as kube-apiserver words them (k8s.io/apimachinery/pkg/api/errors). */
export const errors: Errors = {
  notFound(gr: GroupResource, name: string): never {
    fail(404, `${qualified(gr)} "${name}" not found`, {details: details(gr, name)});
  },
  noResource(): never {
    fail(404, 'the server could not find the requested resource', {details: {}});
  },
  alreadyExists(gr: GroupResource, name: string): never {
    fail(409, `${qualified(gr)} "${name}" already exists`, {reason: 'AlreadyExists', details: details(gr, name)});
  },
  conflict(gr: GroupResource, name: string, why: string): never {
    fail(409, `Operation cannot be fulfilled on ${qualified(gr)} "${name}": ${why}`, {details: details(gr, name)});
  },
  staleResourceVersion(gr: GroupResource, name: string): never {
    return errors.conflict(gr, name, 'the object has been modified; please apply your changes to the latest version and try again');
  },
  badRequest(message: string): never {
    fail(400, message);
  },
  invalid(gr: GroupResource, kind: string, name: string, causes: Array<{field: string; message: string; reason?: string}>): never {
    const text = causes.map((c) => `${c.field}: ${c.message}`).join(', ');
    fail(422, `${kind}${gr.group ? '.' + gr.group : ''} "${name}" is invalid: ${text}`, {
      details: {
        name,
        ...(gr.group ? {group: gr.group} : {}),
        kind,
        causes: causes.map((c) => ({reason: c.reason ?? 'FieldValueInvalid', message: c.message, field: c.field})),
      },
    });
  },
  /** JSON patch failures are 500s with reason InternalError in kube-apiserver; mirrored here. */
  fail500(message: string): never {
    fail(500, message);
  },
  unauthorized(): never {
    fail(401, 'Unauthorized');
  },
  methodNotAllowed(): never {
    fail(405, 'the server does not allow this method on the requested resource', {details: {}});
  },
  unsupportedMediaType(): never {
    fail(
      415,
      'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json',
      {details: {}}
    );
  },
  /** 410 Gone for a watch or list from a resourceVersion outside the kept window. */
  expired(rv: string, oldest: number): KubeStatus {
    return status(410, `too old resource version: ${rv} (${oldest})`, {reason: 'Expired'});
  },
};

/** The JSON response every error path ends in. */
export function statusResponse(s: KubeStatus): Response {
  return new Response(JSON.stringify(s), {
    status: s.code ?? 500,
    headers: {'Content-Type': 'application/json'},
  });
}

export function jsonResponse(body: unknown, code = 200, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), {status: code, headers: {'Content-Type': contentType}});
}
