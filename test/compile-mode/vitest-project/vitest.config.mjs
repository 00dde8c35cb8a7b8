// Vitest with the package's Vite plugin: test files that spawn run in compile mode.
import { defineConfig } from "vitest/config";
import xthreads from "experimental-threads/vite";

export default defineConfig({ plugins: [xthreads()], test: { include: ["*.spec.mjs"] } });
