/** The nearby module's public surface: people within a travel time, for the asset page and the offer pack. */
export { peopleNearbyRoutes } from './people-nearby.routes.js';
export { createPeopleNearby, type PeopleNearby, type PeopleNearbyCounts } from './people-nearby.service.js';
