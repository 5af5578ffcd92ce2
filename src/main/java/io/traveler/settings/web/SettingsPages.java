package io.traveler.settings.web;

import io.traveler.settings.OrganizationSettings;
import io.traveler.settings.internal.NumberingSeries;
import io.traveler.settings.internal.SettingsService;
import io.traveler.shared.jpa.ExpectedVersion;
import io.traveler.shared.web.Forms;
import io.traveler.shared.web.PageController;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.Year;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.BindParam;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The organization's settings and its numbering series. */
@PageController
@RequestMapping("/app/settings")
class SettingsPages {
    private static final String SETTINGS = "redirect:/app/settings";
    /** Region-style zones ("Europe/Berlin") and UTC; the JDK's other aliases would only confuse the list. */
    private static final List<String> ZONES = Stream.concat(
                    Stream.of("UTC"),
                    ZoneId.getAvailableZoneIds().stream()
                            .filter(z -> z.matches(
                                    "(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/.+"))
                            .sorted())
            .toList();

    private static final List<Currency> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .sorted(Comparator.comparing(Currency::getCurrencyCode))
            .toList();

    private final SettingsService settings;

    SettingsPages(SettingsService settings) {
        this.settings = settings;
    }

    record SettingsForm(
            @NotBlank(message = "is required") String timezone,
            @NotBlank(message = "is required") String currency,

            @BindParam("default_hourly_rate")
            @NotNull(message = "is required")
            @DecimalMin(value = "0", message = "must not be negative")
            BigDecimal defaultHourlyRate,

            @BindParam("mfa_required") Boolean mfaRequired,
            Long version) {

        static SettingsForm of(OrganizationSettings.Snapshot s) {
            return new SettingsForm(s.timezone(), s.currency(), s.defaultHourlyRate(), s.mfaRequired(), s.version());
        }

        /** An unticked checkbox sends nothing: the form always shows the whole setting, so absent is off. */
        public boolean requiresMfa() {
            return Boolean.TRUE.equals(mfaRequired);
        }
    }

    record SeriesForm(
            @NotBlank(message = "is required")
            @Pattern(regexp = "[a-z][a-z0-9_-]{0,49}", message = "lower-case letters, digits, _ and -")
            String key,

            @Size(max = 30, message = "must be at most 30 characters")
            String prefix,

            @BindParam("next_number") @NotNull(message = "is required") @Min(value = 1, message = "must be at least 1")
            Long nextNumber,

            @NotNull(message = "is required")
            @Min(value = 1, message = "must be between 1 and 12")
            @Max(value = 12, message = "must be between 1 and 12")
            Integer padding,

            Long version) {

        static SeriesForm blank() {
            return new SeriesForm("", "", 1L, 6, null);
        }

        static SeriesForm of(NumberingSeries s) {
            return new SeriesForm(s.key(), s.prefix(), s.nextNumber(), s.padding(), s.version());
        }

        /** The next code as it will be given out, "{yyyy}" being the year then. */
        public String example() {
            if (nextNumber == null || padding == null || padding < 1 || padding > 12) {
                return "";
            }
            return (prefix == null ? "" : prefix)
                            .replace("{yyyy}", String.valueOf(Year.now().getValue()))
                    + String.format("%0" + padding + "d", nextNumber);
        }
    }

    @GetMapping
    @PreAuthorize("hasAuthority('settings:read')")
    String show(Model model) {
        return page(model, SettingsForm.of(settings.current()));
    }

    @PostMapping
    @PreAuthorize("hasAuthority('settings:update')")
    String change(@Valid SettingsForm form, BindingResult binding, Model model, RedirectAttributes flash) {
        if (form == null) {
            Forms.invalid(binding, model);
            return show(model);
        }
        if (Forms.invalid(binding, model)) {
            return page(model, form);
        }
        boolean newlyRequiresMfa = form.requiresMfa() && !settings.current().mfaRequired();
        return Forms.submit(
                model,
                () -> {
                    settings.change(
                            ExpectedVersion.ofNullable(form.version()),
                            form.timezone(),
                            form.currency().toUpperCase(Locale.ROOT),
                            form.defaultHourlyRate(),
                            form.requiresMfa());
                    if (newlyRequiresMfa) {
                        // whoever has not enrolled yet, maybe the person saving, may no longer see the settings
                        return Forms.notice(
                                flash,
                                "Settings saved. Two-factor sign-in is now required: members without it can only open My account until they turn it on.",
                                "redirect:/app/");
                    }
                    return Forms.notice(flash, "Settings saved.", SETTINGS);
                },
                () -> page(model, form));
    }

    @GetMapping("/numbering-series/new")
    @PreAuthorize("hasAuthority('settings:update')")
    String newSeries(Model model) {
        return seriesForm(model, SeriesForm.blank(), false);
    }

    @PostMapping("/numbering-series")
    @PreAuthorize("hasAuthority('settings:update')")
    String createSeries(@Valid SeriesForm form, BindingResult binding, Model model, RedirectAttributes flash) {
        SeriesForm shown = form == null ? SeriesForm.blank() : form;
        return Forms.save(form, binding, model, () -> seriesForm(model, shown, false), () -> {
            settings.createSeries(form.key(), form.prefix(), form.nextNumber(), form.padding());
            return Forms.notice(flash, "Numbering series " + form.key() + " created.", SETTINGS);
        });
    }

    @GetMapping("/numbering-series/{key}")
    @PreAuthorize("hasAuthority('settings:update')")
    String editSeries(@PathVariable String key, Model model) {
        return seriesForm(model, SeriesForm.of(settings.series(key)), true);
    }

    @PostMapping("/numbering-series/{key}")
    @PreAuthorize("hasAuthority('settings:update')")
    String changeSeries(
            @PathVariable String key,
            @Valid SeriesForm form,
            BindingResult binding,
            Model model,
            RedirectAttributes flash) {
        return Forms.save(
                form,
                binding,
                model,
                () -> form == null ? editSeries(key, model) : seriesForm(model, form, true),
                () -> {
                    settings.changeSeries(
                            key,
                            ExpectedVersion.ofNullable(form.version()),
                            form.prefix(),
                            form.nextNumber(),
                            form.padding());
                    return Forms.notice(flash, "Numbering series " + key + " saved.", SETTINGS);
                });
    }

    private String page(Model model, SettingsForm form) {
        model.addAttribute("form", form);
        model.addAttribute("zones", ZONES);
        model.addAttribute("currencies", CURRENCIES);
        model.addAttribute(
                "series", settings.allSeries().stream().map(SeriesForm::of).toList());
        return "settings/settings";
    }

    private String seriesForm(Model model, SeriesForm form, boolean existing) {
        model.addAttribute("form", form);
        model.addAttribute("existing", existing);
        model.addAttribute("heading", existing ? "Numbering series " + form.key() : "New numbering series");
        return "settings/series-form";
    }
}
