package io.github.discountcard.client;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.discountcard.client.model.CardState;
import io.github.discountcard.client.model.DiscountCard;
import io.github.discountcard.client.model.DiscountCardOrder;
import io.github.discountcard.client.model.OpenValue;
import io.github.discountcard.client.model.Rfc3339;
import io.github.discountcard.notification.CardNotificationPayload;
import io.github.discountcard.notification.OrderNotificationPayload;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeHint;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native-image hints of the client module: every type Jackson binds, found by scanning the packages rather
 * than from the registrar's own list, so a model added later without a hint fails here.
 */
class DiscountCardRuntimeHintsTests {

    private static final ReflectionHintsPredicates reflection = RuntimeHintsPredicates.reflection();

    private final RuntimeHints hints = registered();

    @Test
    void springAotFindsTheRegistrarThroughAotFactories() {
        List<RuntimeHintsRegistrar> registrars = SpringFactoriesLoader
            .forResourceLocation("META-INF/spring/aot.factories")
            .load(RuntimeHintsRegistrar.class);
        assertThat(registrars).hasAtLeastOneElementOfType(DiscountCardRuntimeHints.class);
    }

    @Test
    void everyModelRecordCanBeCreatedAndReadByJackson() throws Exception {
        List<Class<?>> records = publicTypes("io/github/discountcard/client/model").stream()
            .filter(Class::isRecord)
            .toList();
        assertThat(records).contains(DiscountCardOrder.class, DiscountCard.class).hasSizeGreaterThan(15);
        records.forEach(this::assertBound);
    }

    @Test
    void everyNotificationPayloadRecordCanBeCreatedAndReadByJackson() throws Exception {
        List<Class<?>> records = publicTypes("io/github/discountcard/notification").stream()
            .filter((type) -> type.isRecord() && type.getName().contains("NotificationPayload"))
            .toList();
        assertThat(records).contains(CardNotificationPayload.class, OrderNotificationPayload.class,
                CardNotificationPayload.Objective.class, OrderNotificationPayload.RewardRecord.class);
        records.forEach(this::assertBound);
    }

    @Test
    void theErrorBodyOfAFailedCallIsBound() {
        assertBound(ErrorBody.class);
    }

    @Test
    void everyOpenValueIsReadThroughItsCreatorAndWrittenThroughItsValue() throws Exception {
        List<Class<?>> openValues = publicTypes("io/github/discountcard/client/model").stream()
            .filter((type) -> OpenValue.class.isAssignableFrom(type) && type != OpenValue.class)
            .toList();
        assertThat(openValues).contains(CardState.class).hasSizeGreaterThanOrEqualTo(8);
        for (Class<?> type : openValues) {
            assertThat(reflection.onMethodInvocation(type, "of")).as(type.getName() + ".of").accepts(this.hints);
        }
        assertThat(reflection.onMethodInvocation(OpenValue.class, "value")).accepts(this.hints);
    }

    @Test
    void theTimeSerializersNamedByTheModelsCanBeCreated() throws Exception {
        assertThat(reflection.onConstructorInvocation(Rfc3339.Serializer.class.getConstructor()))
            .accepts(this.hints);
        assertThat(reflection.onConstructorInvocation(Rfc3339.Deserializer.class.getConstructor()))
            .accepts(this.hints);
    }

    @Test
    void theOptionalCryptoProviderCanBeFoundAndProbedByName() {
        TypeHint accp = this.hints.reflection()
            .getTypeHint(TypeReference.of("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider"));
        assertThat(accp).isNotNull();
        assertThat(accp.fields()).extracting((field) -> field.getName()).containsExactly("INSTANCE");
        assertThat(accp.methods()).extracting((method) -> method.getName())
            .containsExactlyInAnyOrder("getLoadingError", "assertHealthy", "getVersionStr", "getAwsLcVersionStr");
    }

    private void assertBound(Class<?> type) {
        assertThat(reflection.onType(type)).as(type.getName()).accepts(this.hints);
        Class<?>[] componentTypes = Arrays.stream(type.getRecordComponents())
            .map(RecordComponent::getType)
            .toArray(Class<?>[]::new);
        try {
            Constructor<?> canonical = type.getDeclaredConstructor(componentTypes);
            assertThat(reflection.onConstructorInvocation(canonical)).as(type.getName() + " constructor")
                .accepts(this.hints);
        }
        catch (NoSuchMethodException ex) {
            throw new AssertionError(type.getName() + " has no canonical constructor", ex);
        }
        for (RecordComponent component : type.getRecordComponents()) {
            assertThat(reflection.onMethodInvocation(component.getAccessor()))
                .as(type.getName() + "." + component.getName()).accepts(this.hints);
        }
    }

    private static RuntimeHints registered() {
        RuntimeHints hints = new RuntimeHints();
        new DiscountCardRuntimeHints().registerHints(hints, DiscountCardRuntimeHintsTests.class.getClassLoader());
        return hints;
    }

    /** The public classes (top-level and nested) compiled into one package of this module. */
    private static List<Class<?>> publicTypes(String packagePath) throws IOException, ClassNotFoundException {
        List<Class<?>> types = new ArrayList<>();
        ClassLoader loader = DiscountCardRuntimeHintsTests.class.getClassLoader();
        for (Resource resource : new PathMatchingResourcePatternResolver(loader)
            .getResources("classpath*:" + packagePath + "/*.class")) {
            String fileName = String.valueOf(resource.getFilename());
            if (fileName.equals("package-info.class")) {
                continue;
            }
            String className = packagePath.replace('/', '.') + "." + fileName.substring(0, fileName.length() - 6);
            Class<?> type = ClassUtils.forName(className, loader);
            if (Modifier.isPublic(type.getModifiers()) && !type.isAnonymousClass()) {
                types.add(type);
            }
        }
        return types;
    }
}
