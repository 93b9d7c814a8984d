package com.partnercenter.browser;

import static com.partnercenter.browser.Camunda.literal;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** Camunda Tasklist as a partner user or a customer admin uses it. */
public class Tasklist {

    private final Browser browser;
    private FormJs form;

    private Tasklist(Browser browser) {
        this.browser = browser;
    }

    public static Tasklist signIn(Browser browser, String user, String password) {
        Camunda.signIn(browser, "tasklist", user, password);
        return new Tasklist(browser);
    }

    /** "Start process" → the process by its name → its start form. */
    public FormJs startProcess(String processName) {
        browser.click(By.cssSelector(".start-process-action a"));
        browser.click(By.xpath("//ul[contains(@class,'processes')]//a[normalize-space(.)=" + literal(processName) + "]"));
        browser.visible(By.xpath("//h3[contains(@class,'modal-title')][contains(.," + literal(processName) + ")]"));
        form = new FormJs(browser);
        return form;
    }

    /** Presses "Start" under the start form and waits until the dialog closes. */
    public void start() {
        form.recheck();
        By start = By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space(.)='Start']");
        browser.click(start);
        browser.until(d -> d.findElements(By.cssSelector(".modal-dialog")).isEmpty());
    }

    /**
     * Presses "Start" under the start form when the start is refused: waits for Tasklist's error notification and
     * returns its text (the start dialog stays open).
     */
    public String startRefused() {
        form.recheck();
        browser.click(By.xpath("//div[contains(@class,'modal-footer')]//button[normalize-space(.)='Start']"));
        return browser.visible(By.xpath("//*[contains(@class,'alert')][contains(.,'could not be started')]")).getText();
    }

    /** Opens Tasklist again (a start dialog left open is closed). */
    public void reload() {
        browser.open("/camunda/app/tasklist/");
        browser.visible(By.cssSelector(".start-process-action a"));
    }

    /** Names of the tasks in the current list (waits until the list has loaded). */
    public List<String> taskNames() {
        browser.until(d -> listLoaded());
        return browser.driver().findElements(By.cssSelector("[cam-tasks] li.task h4.task"))
                .stream().map(WebElement::getText).map(String::trim).toList();
    }

    /** The task list has been fetched (its loader is present and hidden again). */
    private boolean listLoaded() {
        return !browser.driver().findElements(By.cssSelector("[cam-tasks] > .loader.ng-hide")).isEmpty();
    }

    /** Waits until the list shows a task of that name, opens it and returns its form. */
    public FormJs openTask(String taskName) {
        By task = By.xpath("//*[@cam-tasks]//li[contains(@class,'task')]//h4//a[normalize-space(.)=" + literal(taskName) + "]");
        // a task created a moment ago shows after the list is fetched again
        browser.until(d -> {
            if (!d.findElements(task).isEmpty()) {
                return true;
            }
            if (listLoaded()) {
                d.navigate().refresh();
            }
            return false;
        });
        browser.click(task);
        form = new FormJs(browser);
        return form;
    }

    /** The form of the open task or start dialog. */
    public FormJs form() {
        return form;
    }

    /** Claims the open task (its form is read-only until then). */
    public void claim() {
        browser.click(By.cssSelector("button.claim"));
        browser.until(d -> d.findElements(By.cssSelector("button.claim")).isEmpty());
    }

    /** Presses "Complete" under the task's form and waits until the task leaves the view. */
    public void complete() {
        form.recheck();
        browser.click(By.xpath("//button[normalize-space(.)='Complete']"));
        browser.until(d -> d.findElements(By.xpath("//button[normalize-space(.)='Complete']")).isEmpty());
    }
}
