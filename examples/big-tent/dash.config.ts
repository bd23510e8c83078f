import { defineConfig } from 'grafts';
import { datasources } from './datasources.js';

// The data sources are part of the project: `dash apply` creates or updates them on Grafana
// before the dashboard that uses them (or writes provisioning/datasources/grafts.yaml on the
// file target). `project` names the owner marker, so `--prune` deletes only what this project made.
export default defineConfig({
  project: 'big-tent',
  datasources,
});
