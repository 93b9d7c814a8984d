package com.partnercenter.mail.sink;

import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;

/** The dev mail sink's pages: captured mails newest first, and one mail with its rendered HTML. */
@Controller
@RequestMapping("/dev/mail")
@ConditionalOnProperty(name = "partner-center.mail-sink.enabled", havingValue = "true")
@ConditionalOnClass(name = MailSinkConfiguration.GREENMAIL)
public class MailSinkController {

    private final GreenMail sink;

    public MailSinkController(GreenMail sink) {
        this.sink = sink;
    }

    @GetMapping
    public String list(Model model) {
        List<CapturedMail> mails = new ArrayList<>(captured());
        Collections.reverse(mails);
        model.addAttribute("mails", mails);
        return "dev/mail";
    }

    @GetMapping("/{index}")
    public String show(@PathVariable int index, Model model) {
        List<CapturedMail> mails = captured();
        if (index < 0 || index >= mails.size()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no captured mail " + index);
        }
        model.addAttribute("mail", mails.get(index));
        return "dev/mail-message";
    }

    @PostMapping("/clear")
    public String clear() throws FolderException {
        sink.purgeEmailFromAllMailboxes();
        return "redirect:/dev/mail";
    }

    /** Captured mails, oldest first; a mail's index is its position in this list. */
    private List<CapturedMail> captured() {
        List<StoredMessage> stored = new ArrayList<>(sink.getManagers().getImapHostManager().getAllMessages());
        stored.sort(Comparator.comparing(StoredMessage::getReceivedDate));
        List<CapturedMail> mails = new ArrayList<>(stored.size());
        for (int i = 0; i < stored.size(); i++) {
            mails.add(CapturedMail.of(i, stored.get(i)));
        }
        return mails;
    }
}
