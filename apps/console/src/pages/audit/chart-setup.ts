import {
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

// Chart.js is tree-shaken: register only what the audit charts draw.
Chart.register(BarElement, CategoryScale, LinearScale, LineElement, PointElement, Legend, Tooltip);
// No animation: auditors read figures, and screenshots in tests must show the final chart.
Chart.defaults.animation = false;
Chart.defaults.font.family = "'Segoe UI', 'Noto Sans', 'DejaVu Sans', system-ui, sans-serif";
Chart.defaults.color = '#1b1f24';
