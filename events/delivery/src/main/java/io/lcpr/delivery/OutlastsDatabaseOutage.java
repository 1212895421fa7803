package io.lcpr.delivery;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * On a consumer: while the database is unreachable its records are handled again until it is back, never
 * dead-lettered for the outage (DatabaseOutage). Inside the channel's @Retry, which keeps its few retries for other
 * transient failures (a deadlock) before the dead-letter topic.
 */
@InterceptorBinding
@Inherited
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface OutlastsDatabaseOutage {
}
