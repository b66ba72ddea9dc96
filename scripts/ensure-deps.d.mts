export declare const root: string;
export declare function ensureNodeModules(): void;
export declare function ensureChrome(): string;
export declare const CHROME_FLAGS: string[];
