package io.iamkit.testkit.conformance;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The case a conformance test checks: {@code C-01}..{@code C-11} of the project's case list, or
 * {@code canonical/<manifest>} for the three canonical users. Keys of
 * {@link BackendConformanceSuite#gaps} use the same ids.
 */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ConformanceCase {
  String value();
}
