// Labels of ESCO concepts picked in this session, so that filters held in the URL as URIs read well.
export const conceptLabels = $state<Record<string, string>>({});

export function labelOf(uri: string): string {
  return conceptLabels[uri] ?? uri.split('/').pop() ?? uri;
}
