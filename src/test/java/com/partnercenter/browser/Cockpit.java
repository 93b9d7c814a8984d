package com.partnercenter.browser;

import static com.partnercenter.browser.Camunda.literal;

import org.openqa.selenium.By;
import java.util.List;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/** Camunda Cockpit as an operator uses it. */
public class Cockpit {

    private final Browser browser;

    private Cockpit(Browser browser) {
        this.browser = browser;
    }

    public static Cockpit signIn(Browser browser, String user, String password) {
        Camunda.signIn(browser, "cockpit", user, password);
        return new Cockpit(browser);
    }

    /**
     * Processes → the process by its name → instances filtered by "Business Key" = the key → the instance.
     * Ends on the instance's page.
     */
    public void openInstanceByBusinessKey(String processName, String businessKey) {
        browser.click(By.cssSelector("a[href='#/processes']"));
        browser.click(By.xpath("//a[contains(@href,'#/process-definition/')][normalize-space(.)="
                + literal(processName) + "]"));
        browser.click(By.cssSelector("[cam-widget-search] input.main-field"));
        browser.click(By.xpath("//ul[@role='listbox']//a[normalize-space(.)='Business Key']"));
        // the pill opens its value editor; when the list reloads underneath, it may close again: reopen it
        browser.until(d -> {
            List<WebElement> editor = d.findElements(By.cssSelector("[cam-widget-search-pill] .value-field input"));
            if (!editor.isEmpty() && editor.get(0).isDisplayed()) {
                editor.get(0).sendKeys(businessKey, Keys.ENTER);
                return true;
            }
            d.findElements(By.cssSelector("[cam-widget-search-pill] .value-field .view-value")).stream()
                    .filter(WebElement::isDisplayed).findFirst().ifPresent(WebElement::click);
            return false;
        });
        browser.visible(By.xpath("//*[@cam-widget-search-pill]//*[normalize-space(.)=" + literal(businessKey) + "]"));
        By instance = By.xpath("//tr[td[normalize-space(.)=" + literal(businessKey) + "]]//a[contains(@href,'#/process-instance/')]");
        browser.until(d -> d.findElements(By.xpath("//tr[td//a[contains(@href,'#/process-instance/')]]")).size() == 1
                && !d.findElements(instance).isEmpty());
        browser.click(instance);
        browser.visible(By.xpath("//*[contains(@class,'ctn-header')]//*[contains(.," + literal(businessKey) + ")]"
                + " | //dd[normalize-space(.)=" + literal(businessKey) + "]"));
    }
}
