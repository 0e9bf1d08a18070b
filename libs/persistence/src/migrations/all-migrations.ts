import { InitialSchema1795426948994 } from './1795426948994-initial-schema';

/** Every migration in order, by class, so the list works from sources and from dist alike. */
export const ALL_MIGRATIONS = [InitialSchema1795426948994];
