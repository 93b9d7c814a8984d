package com.partnercenter.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/** The public accept page (reached through a personal link) as a customer fills it in. */
public final class AcceptPage {

    /** A new customer's organization and administrator, as entered on the page. */
    public record NewCustomer(String organizationName, String domain, String country, String language,
            String adminFirstName, String adminLastName, String adminEmail) {}

    private AcceptPage() {}

    /** Fills the organization and administrator fields of a new customer (the page is open). */
    public static void fill(Browser browser, NewCustomer customer) {
        browser.visible(By.id("organizationName")).sendKeys(customer.organizationName());
        browser.driver().findElement(By.id("domain")).sendKeys(customer.domain());
        new Select(browser.driver().findElement(By.id("country"))).selectByValue(customer.country());
        new Select(browser.driver().findElement(By.id("language"))).selectByValue(customer.language());
        browser.driver().findElement(By.id("adminFirstName")).sendKeys(customer.adminFirstName());
        browser.driver().findElement(By.id("adminLastName")).sendKeys(customer.adminLastName());
        browser.driver().findElement(By.id("adminEmail")).sendKeys(customer.adminEmail());
    }

    /** Presses the page's submit button. */
    public static void submit(Browser browser) {
        browser.click(By.cssSelector("form button[type='submit']"));
    }
}
