package io.iamkit.testkit.conformance;

import java.lang.reflect.Method;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Runs a case that its backend declares a gap and checks the declaration: a failure, as declared,
 * becomes an aborted test whose message starts with {@code GAP[} and carries the reason and what was
 * observed; a pass becomes a failure, because the declared gap no longer holds.
 */
final class DeclaredGaps implements InvocationInterceptor {

  @Override
  public void interceptTestMethod(Invocation<Void> invocation,
      ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context) throws Throwable {
    BackendConformanceSuite suite = context.getTestInstance()
        .filter(BackendConformanceSuite.class::isInstance).map(BackendConformanceSuite.class::cast)
        .orElse(null);
    String reason = suite == null ? null : suite.declaredGap().orElse(null);
    if (reason == null) {
      invocation.proceed();
      return;
    }
    try {
      invocation.proceed();
    } catch (TestAbortedException aborted) {
      throw aborted;
    } catch (Throwable observed) {
      TestAbortedException gap = new TestAbortedException(suite.gap(reason) + " (observed: "
          + abbreviate(ConformanceResults.oneLine(String.valueOf(observed.getMessage()))) + ")");
      gap.addSuppressed(observed);
      throw gap;
    }
    throw new AssertionFailedError(suite.gap(reason).replaceFirst("^GAP\\[", "declared gap [")
        + ": but the case passed, so the declaration no longer holds; remove it from gaps()");
  }

  /** What was observed, short enough to leave room for the reason in a one-line report. */
  private static String abbreviate(String observed) {
    return observed.length() > 240 ? observed.substring(0, 237) + "..." : observed;
  }
}
