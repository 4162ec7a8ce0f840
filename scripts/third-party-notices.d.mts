export function bundledPackages(metafiles: { inputs: Record<string, unknown> }[]): string[];
export function thirdPartyNotices(root: string, metafiles: { inputs: Record<string, unknown> }[]): string;
