/** Every implemented operation, keyed `METHOD /template` exactly as the specs spell the template. */
import { attachmentRoutes } from './attachments';
import { commentRoutes } from './comments';
import { fieldRoutes } from './fields';
import type { RouteHandler } from './context';
import { issueRoutes } from './issues';
import { linkRoutes } from './links';
import { projectRoutes } from './projects';
import { searchRoutes } from './search';
import { serviceDeskRoutes } from './servicedesk';
import { userRoutes } from './users';

export const ROUTES: Readonly<Record<string, RouteHandler>> = {
  ...issueRoutes,
  ...fieldRoutes,
  ...commentRoutes,
  ...attachmentRoutes,
  ...linkRoutes,
  ...userRoutes,
  ...projectRoutes,
  ...searchRoutes,
  ...serviceDeskRoutes,
};
