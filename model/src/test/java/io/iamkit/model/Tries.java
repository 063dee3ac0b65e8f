package io.iamkit.model;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.AnnotationBasedArgumentsProvider;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsSource;
import org.junit.jupiter.params.support.ParameterDeclarations;

/**
 * A property: a parameterized test run {@link #value()} times, each time with a fresh {@link Gen} seeded
 * from the base seed and the method name. A failing try names itself and the seed that replays it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "{0}")
@ArgumentsSource(Tries.Source.class)
@ExtendWith(Tries.NameTheSeed.class)
public @interface Tries {
  /** How many tries. */
  int value();

  /** One {@link Gen} per try. */
  final class Source extends AnnotationBasedArgumentsProvider<Tries> {
    @Override
    protected Stream<? extends Arguments> provideArguments(
        ParameterDeclarations parameters, ExtensionContext context, Tries tries) {
      return Gen.tries(context.getRequiredTestMethod().getName(), tries.value()).map(Arguments::of);
    }
  }

  /** Puts the try and its seed in front of whatever a try throws. */
  final class NameTheSeed implements TestExecutionExceptionHandler {
    private static final int MESSAGE_LIMIT = 2_000;

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) {
      String message = String.valueOf(failure.getMessage());
      if (message.length() > MESSAGE_LIMIT) {
        message = message.substring(0, MESSAGE_LIMIT) + "... (" + message.length() + " characters, see the cause)";
      }
      throw new AssertionError(context.getRequiredTestMethod().getName() + ", " + context.getDisplayName()
          + " failed with " + failure.getClass().getSimpleName() + ": " + message, failure);
    }
  }
}
