package io.continuum.channels.webchat;

import io.continuum.channels.EmailServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.continuum.support.Api.as;
import static io.continuum.support.Api.conversation;
import static io.continuum.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A real browser (headless Chromium) on a page that embeds the widget with one script tag. */
@QuarkusTest
@QuarkusTestResource(EmailServer.class)
class WebChatBrowserTest {

    @TestHTTPResource("/test-pages/shop")
    URL shop;

    @Inject
    ChatSessions sessions;

    private ChromeDriver browser;

    @BeforeEach
    void openBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    private WebElement widget() {
        return browser.findElement(By.id("continuum-chat"));
    }

    private List<String> shownMessages() {
        return widget().findElements(By.cssSelector(".cc-msg")).stream().map(WebElement::getText).toList();
    }

    @Test
    void signedInVisitorChatsWithAnAgentThenLeavesAndTheNextAnswerArrivesByEmailInTheSameConversation() {
        String email = uniqueEmail("visitor");
        // the shop's server vouches for its signed-in user's address; a typed address would receive nothing
        browser.get(shop + "?email=" + java.net.URLEncoder.encode(email, java.nio.charset.StandardCharsets.UTF_8));
        waiting().until(ExpectedConditions.attributeToBe(By.id("continuum-chat"), "data-state", "online"));
        String visitorId = (String) ((JavascriptExecutor) browser).executeScript("return window.ContinuumChat.visitorId");

        widget().findElement(By.cssSelector(".cc-launcher")).click();
        widget().findElement(By.cssSelector(".cc-name")).sendKeys("Ada");
        assertThat(widget().findElement(By.cssSelector(".cc-email")).getAttribute("value")).isEqualTo(email);
        widget().findElement(By.cssSelector(".cc-input")).sendKeys("My package arrived damaged");
        widget().findElement(By.cssSelector(".cc-send")).click();
        waiting().until(driver -> widget().getAttribute("data-conversation-id") != null);
        String conversationId = widget().getAttribute("data-conversation-id");
        assertThat(conversation(conversationId).getList("timeline.findAll { it.type == 'message' && it.direction == 'inbound' }.content",
                String.class)).containsExactly("My package arrived damaged");

        // the visitor types: the agent sees it; the agent types: the visitor sees it
        widget().findElement(By.cssSelector(".cc-input")).sendKeys("a");
        await().atMost(Duration.ofSeconds(10)).until(() -> as("agent").when()
                .get("/api/v1/webchat/conversations/{id}/typing", conversationId).then().extract().<Boolean>path("visitorTyping"));
        as("agent").when().post("/api/v1/webchat/conversations/{id}/typing", conversationId).then().statusCode(200);
        waiting().until(driver -> widget().findElement(By.cssSelector(".cc-typing")).getText().contains("typing"));

        String answer = "Sorry about that, a new one is on its way " + UUID.randomUUID();
        as("agent").body(Map.of("content", answer)).when().post("/api/v1/conversations/{id}/messages", conversationId)
                .then().statusCode(201);
        waiting().until(driver -> shownMessages().contains(answer));

        // reconnecting (a reload) shows the history from the server
        browser.navigate().refresh();
        waiting().until(ExpectedConditions.attributeToBe(By.id("continuum-chat"), "data-state", "online"));
        waiting().until(driver -> shownMessages().containsAll(List.of("My package arrived damaged", answer)));

        // the visitor leaves; the next answer goes by e-mail, under the same conversation
        browser.quit();
        browser = null;
        await().atMost(Duration.ofSeconds(10)).until(() -> !sessions.connected(visitorId));
        String later = "Your replacement ships tomorrow " + UUID.randomUUID();
        String laterId = as("agent").body(Map.of("content", later)).when()
                .post("/api/v1/conversations/{id}/messages", conversationId).then().statusCode(201).extract().path("id");

        MimeMessage byEmail = await().atMost(Duration.ofSeconds(20)).until(() -> EmailServer.receivedBy(email).stream()
                .filter(m -> body(m).contains(later)).findFirst().orElse(null), m -> m != null);
        assertThat(subject(byEmail)).contains("[#C-" + conversationId.substring(0, 8) + "]");
        JsonPath delivery = as("agent").queryParam("messageId", laterId).when().get("/api/v1/deliveries").then().extract().jsonPath();
        assertThat(delivery.getString("conversationId")).isEqualTo(conversationId);
        assertThat(delivery.getString("channel")).isEqualTo("email");
        assertThat(delivery.getString("fallbackFrom")).isEqualTo("web_chat");
        assertThat(conversation(conversationId).getString("timeline.find { it.id == '" + laterId + "' }.channel")).isEqualTo("email");
    }

    private static String body(MimeMessage message) {
        try {
            return String.valueOf(message.getContent());
        } catch (IOException | MessagingException e) {
            return "";
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            return "";
        }
    }
}
