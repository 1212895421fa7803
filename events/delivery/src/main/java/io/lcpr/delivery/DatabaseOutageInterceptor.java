package io.lcpr.delivery;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/** Applies DatabaseOutage to a consumer; ordered after Fault Tolerance's interceptor, so inside its @Retry. */
@OutlastsDatabaseOutage
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER + 100)
public class DatabaseOutageInterceptor {
    @AroundInvoke
    Object outlast(InvocationContext context) throws Exception {
        return DatabaseOutage.outlast(context::proceed, context.getMethod().getDeclaringClass().getSimpleName() + "."
                + context.getMethod().getName());
    }
}
