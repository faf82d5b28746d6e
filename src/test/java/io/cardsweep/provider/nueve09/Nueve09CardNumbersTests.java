package io.cardsweep.provider.nueve09;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;

import javax.crypto.Cipher;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Nueve09CardNumbersTests {

    static final String PAN = "5204731600014792";

    static KeyPair keys;

    @BeforeAll
    static void generateKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    static String base64Der() {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }

    static String pem() {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPublic().getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    static String open(String sealed) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("RSA/ECB/PKCS1Padding");
        cipher.init(Cipher.DECRYPT_MODE, keys.getPrivate());
        return new String(cipher.doFinal(Base64.getUrlDecoder().decode(sealed)), StandardCharsets.US_ASCII);
    }

    @Test
    void sealsPanSoThePrivateKeyOpensItAgain() throws GeneralSecurityException {
        // given
        Nueve09CardNumbers numbers = Nueve09CardNumbers.fromPublicKey(base64Der());

        // when
        String sealed = numbers.seal(PAN);

        // then
        assertThat(open(sealed)).isEqualTo(PAN);
        assertThat(sealed).doesNotContain(PAN).matches("[A-Za-z0-9_-]+=*").hasSize(344);
    }

    @Test
    void sealsTheSamePanDifferentlyEachTime() {
        // given
        Nueve09CardNumbers numbers = Nueve09CardNumbers.fromPublicKey(base64Der());

        // when / then
        assertThat(numbers.seal(PAN)).isNotEqualTo(numbers.seal(PAN));
    }

    @Test
    void readsPemPublicKey() throws GeneralSecurityException {
        assertThat(open(Nueve09CardNumbers.fromPublicKey(pem()).seal(PAN))).isEqualTo(PAN);
    }

    @Test
    void readsUrlSafeBase64Der() throws GeneralSecurityException {
        // given
        String urlSafe = Base64.getUrlEncoder().encodeToString(keys.getPublic().getEncoded());

        // when / then
        assertThat(open(Nueve09CardNumbers.fromPublicKey(urlSafe).seal(PAN))).isEqualTo(PAN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a key!", "AAAA", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"})
    void refusesTextThatIsNotAPublicKey(String text) {
        assertThatThrownBy(() -> Nueve09CardNumbers.fromPublicKey(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("The Nueve09 public key");
    }

    @Test
    void refusesRsaKeyThatIsNot2048Bits() throws GeneralSecurityException {
        // given
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        String small = Base64.getEncoder().encodeToString(generator.generateKeyPair().getPublic().getEncoded());

        // when / then
        assertThatThrownBy(() -> Nueve09CardNumbers.fromPublicKey(small))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The Nueve09 public key must be RSA-2048, as Nueve09 documents.");
    }

    @Test
    void refusesToSealAnythingButSixteenDigitsWithoutQuotingIt() {
        // given
        Nueve09CardNumbers numbers = Nueve09CardNumbers.fromPublicKey(base64Der());

        // when / then
        assertThatThrownBy(() -> numbers.seal("520473160001479"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("520473160001479");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5204731600014792", "0000000000000000", "4111111111111112"})
    void recognisesSixteenDigitsAsPanWithoutLuhnCheck(String cardId) {
        assertThat(Nueve09CardNumbers.isPan(cardId)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"520473160001479", "52047316000147920", "5204 7316 0001 4792", "6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b",
            "520473160001479a", "５２０４７３１６０００１４７９２"})
    void recognisesNothingElseAsPan(String cardId) {
        assertThat(Nueve09CardNumbers.isPan(cardId)).isFalse();
    }

    @Test
    void showsNoKeyMaterialInToString() {
        assertThat(Nueve09CardNumbers.fromPublicKey(base64Der()).toString())
                .isEqualTo("Nueve09CardNumbers[RSA-2048, RSA/ECB/PKCS1Padding]");
    }
}
