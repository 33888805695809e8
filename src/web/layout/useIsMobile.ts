import { Grid } from 'antd';

/** Phones and narrow tablets (< md, 768px) get the drawer menu and card lists. */
export function useIsMobile(): boolean {
  const screens = Grid.useBreakpoint();
  if (screens.md === undefined) return typeof window !== 'undefined' && window.innerWidth < 768;
  return !screens.md;
}
