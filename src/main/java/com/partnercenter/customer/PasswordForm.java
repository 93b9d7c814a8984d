package com.partnercenter.customer;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** A new password, typed twice. */
public class PasswordForm {

    @NotBlank(message = "{password.required}")
    @Size(min = 12, max = 128, message = "{password.size}")
    private String password;

    private String repeat;

    @AssertTrue(message = "{password.mismatch}")
    public boolean isRepeated() {
        return password == null || password.equals(repeat);
    }

    public String getPassword() { return password; }
    public void setPassword(String password) { this.password = password; }
    public String getRepeat() { return repeat; }
    public void setRepeat(String repeat) { this.repeat = repeat; }
}
