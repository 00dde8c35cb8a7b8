// Vitest without the plugin: a spawn must say why it fails and how to fix it.
import { defineConfig } from "vitest/config";

export default defineConfig({ test: { include: ["*.spec.mjs"] } });
