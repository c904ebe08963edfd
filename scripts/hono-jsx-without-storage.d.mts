// Types for scripts/hono-jsx-without-storage.mjs, which vitest.config.ts imports.
import type { Plugin as EsbuildPlugin } from 'esbuild';
import type { Plugin as VitePlugin } from 'vitest/config';

export declare const HONO_JSX_MODULES: RegExp;
export declare const HONO_JSX_CONTEXT: RegExp;
export declare function honoJsxContextWithoutStorage(path: string): string;
export declare const esbuildPlugin: EsbuildPlugin;
export declare const vitePlugin: VitePlugin;
