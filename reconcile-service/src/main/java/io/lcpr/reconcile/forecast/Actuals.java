package io.lcpr.reconcile.forecast;

/**
 * A workload's month as the forecast starts from it: requests (attempted units), accepted share, inference (with the
 * unreconciled delta), eval and human cost per request, ops cost a month; for cache assumptions, input tokens per
 * request and the discount of one input token read from cache instead of sent uncached (actual cost terms).
 */
public record Actuals(String workload, double requests, double acceptanceRate, double inferencePerRequest,
        double evalPerRequest, double humanPerRequest, double ops, double inputTokensPerRequest,
        double cacheHitRate, double cacheDiscountPerToken) {

    public double cost() {
        return requests * (inferencePerRequest + evalPerRequest + humanPerRequest) + ops;
    }

    public double accepted() {
        return requests * acceptanceRate;
    }
}
