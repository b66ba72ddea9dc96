/** `'all'`, `''` → [] (all namespaces); `'a, b'` → ['a', 'b']. */
export function parseNamespaces(value: string | null | undefined): string[] {
  if (!value || value.trim() === 'all') return [];
  return [...new Set(value.split(',').map((part) => part.trim()).filter(Boolean))];
}
