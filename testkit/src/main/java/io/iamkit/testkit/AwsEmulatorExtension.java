package io.iamkit.testkit;

import io.iamkit.api.Deployer;
import io.iamkit.live.AwsClientFactory;
import io.iamkit.live.LiveUserReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestInstancePostProcessor;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * JUnit 5 extension that hands the shared emulator and its clients to tests, through parameters
 * and {@link FromEmulator} fields. Use it with {@link IamkitEmulator} or
 * {@code @ExtendWith(AwsEmulatorExtension.class)}. If no emulator can be had, the test fails with
 * {@link EmulatorUnavailableException}; it is never skipped.
 */
public final class AwsEmulatorExtension
    implements BeforeAllCallback, TestInstancePostProcessor, ParameterResolver {

  /** System property (or environment variable {@code IAMKIT_BACKEND}) naming the backend. */
  public static final String BACKEND_PROPERTY = "iamkit.backend";

  /** The backend of injected Deployers when neither the annotation nor the property names one. */
  public static final String DEFAULT_BACKEND = "direct";

  /** What can be injected, by exact type. New resource types are added here. */
  private static final Map<Class<?>, Function<AwsEmulator, Object>> RESOURCES;

  static {
    Map<Class<?>, Function<AwsEmulator, Object>> m = new LinkedHashMap<>();
    m.put(AwsEmulator.class, e -> e);
    m.put(IamClient.class, AwsEmulator::iam);
    m.put(StsClient.class, AwsEmulator::sts);
    m.put(SecretsManagerClient.class, AwsEmulator::secretsManager);
    m.put(CloudFormationClient.class, AwsEmulator::cloudFormation);
    m.put(AwsClientFactory.class, AwsEmulator::clientFactory);
    m.put(LiveUserReader.class, e -> LiveUserReader.of(e.iam()));
    RESOURCES = Map.copyOf(m);
  }

  /** Whether a field or parameter of this type can be injected. */
  static boolean supports(Class<?> type) {
    return type == Deployer.class || RESOURCES.containsKey(type);
  }

  private static Object resolve(Class<?> type, Class<?> testClass) {
    if (type == Deployer.class) {
      return AwsEmulators.shared().deployer(backendFor(testClass));
    }
    return RESOURCES.get(type).apply(AwsEmulators.shared());
  }

  /**
   * The backend for Deployers injected into this test class: the {@link IamkitEmulator#backend()}
   * attribute, else {@value #BACKEND_PROPERTY} / {@code IAMKIT_BACKEND}, else
   * {@value #DEFAULT_BACKEND}.
   */
  static String backendFor(Class<?> testClass) {
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      IamkitEmulator a = c.getAnnotation(IamkitEmulator.class);
      if (a != null && !a.backend().isBlank()) {
        return a.backend().trim();
      }
    }
    return Settings.get(BACKEND_PROPERTY, "IAMKIT_BACKEND").orElse(DEFAULT_BACKEND);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    injectFields(context.getRequiredTestClass(), null);
  }

  @Override
  public void postProcessTestInstance(Object testInstance, ExtensionContext context) {
    injectFields(testInstance.getClass(), testInstance);
  }

  private static void injectFields(Class<?> type, Object instance) {
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (!f.isAnnotationPresent(FromEmulator.class)
            || Modifier.isStatic(f.getModifiers()) == (instance != null)) {
          continue;
        }
        if (Modifier.isFinal(f.getModifiers())) {
          throw new ExtensionConfigurationException(
              "@FromEmulator field " + f + " must not be final");
        }
        if (!supports(f.getType())) {
          throw new ExtensionConfigurationException("@FromEmulator field " + f + " has type "
              + f.getType().getName() + "; supported: " + supportedTypes());
        }
        try {
          f.setAccessible(true);
          f.set(instance, resolve(f.getType(), type));
        } catch (IllegalAccessException e) {
          throw new ExtensionConfigurationException("cannot set " + f, e);
        }
      }
    }
  }

  private static String supportedTypes() {
    return java.util.stream.Stream.concat(RESOURCES.keySet().stream(),
            java.util.stream.Stream.of(Deployer.class))
        .map(Class::getSimpleName).sorted().collect(Collectors.joining(", "));
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext,
      ExtensionContext extensionContext) {
    return supports(parameterContext.getParameter().getType());
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext,
      ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    if (!supports(type)) {
      throw new ParameterResolutionException("cannot inject " + type.getName()
          + "; supported: " + supportedTypes());
    }
    return resolve(type, extensionContext.getRequiredTestClass());
  }
}
