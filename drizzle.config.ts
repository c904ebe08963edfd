// drizzle-kit configuration: migrations are generated from src/db/schema.ts into drizzle/ (append-only).
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './src/db/schema.ts',
  out: './drizzle',
});
