import { defineConfig } from 'grafts';

// An explicit file target: `dash apply` writes the same Grafana file-provisioning folder on a
// laptop and in CI (where grafts never falls back to a file target it was not told about).
export default defineConfig({
  defaultTarget: 'files',
  targets: {
    files: { type: 'files', dir: 'grafana-provisioning' },
  },
});
