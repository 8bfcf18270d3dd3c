export * from './rfm';
export * from './medians';
export * from './purchase-cycle';
export * from './churn-risk';
export * from './association';
export * from './campaign-lift';
export * from './holdout';
export * from './send-policy';
