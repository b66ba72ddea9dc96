/**
 * Just enough of Kubernetes' protobuf encoding to read the two bodies kubectl sends as protobuf
 * (`kubectl auth can-i` → SelfSubjectAccessReview / SelfSubjectRulesReview). Everything else
 * the sandbox accepts is JSON.
 */

type Fields = Map<number, Uint8Array[]>;

const decoder = new TextDecoder();

function varint(buf: Uint8Array, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = buf[pos++]!;
    result += (b & 0x7f) * 2 ** shift;
    if (!(b & 0x80)) return [result, pos];
    shift += 7;
  }
}

/** Length-delimited fields of one message, by field number (other wire types are skipped). */
function fields(buf: Uint8Array): Fields {
  const out: Fields = new Map();
  let pos = 0;
  while (pos < buf.length) {
    let tag: number;
    [tag, pos] = varint(buf, pos);
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === 0) [, pos] = varint(buf, pos);
    else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else if (wire === 2) {
      let len: number;
      [len, pos] = varint(buf, pos);
      const list = out.get(field) ?? [];
      list.push(buf.subarray(pos, pos + len));
      out.set(field, list);
      pos += len;
    } else throw new Error(`unsupported protobuf wire type ${wire}`);
  }
  return out;
}

const str = (f: Fields, n: number) => (f.has(n) ? decoder.decode(f.get(n)![0]) : undefined);
const msg = (f: Fields, n: number) => (f.has(n) ? fields(f.get(n)![0]!) : undefined);

const MAGIC = [0x6b, 0x38, 0x73, 0x00];

/** Decodes a `k8s\0`-prefixed runtime.Unknown holding a review; returns its JSON form. */
export function decodeReview(body: Uint8Array): Record<string, unknown> {
  if (!MAGIC.every((b, i) => body[i] === b)) throw new Error('not a Kubernetes protobuf message');
  const unknown = fields(body.subarray(4));
  const typeMeta = msg(unknown, 1);
  const kind = typeMeta ? str(typeMeta, 2) : undefined;
  const apiVersion = typeMeta ? str(typeMeta, 1) : undefined;
  const raw = fields(unknown.get(2)?.[0] ?? new Uint8Array());
  const spec = msg(raw, 2) ?? new Map();
  if (kind === 'SelfSubjectRulesReview') return {apiVersion, kind, spec: {namespace: str(spec, 1) ?? ''}};
  const ra = msg(spec, 1);
  const nra = msg(spec, 2);
  const compact = (o: Record<string, string | undefined>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  return {
    apiVersion,
    kind,
    spec: {
      ...(ra ? {resourceAttributes: compact({namespace: str(ra, 1), verb: str(ra, 2), group: str(ra, 3), version: str(ra, 4), resource: str(ra, 5), subresource: str(ra, 6), name: str(ra, 7)})} : {}),
      ...(nra ? {nonResourceAttributes: compact({path: str(nra, 1), verb: str(nra, 2)})} : {}),
    },
  };
}
