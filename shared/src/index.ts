export * from './api/openapi-schema';
export * from './api/api-types';
export * from './tiers/tier-names';
export * from './time/store-calendar';
export * from './loyalty/tier-rules';
export * from './loyalty/points-expiry';
export * from './loyalty/points-cash';
