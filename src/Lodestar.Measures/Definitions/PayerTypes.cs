namespace Lodestar.Measures.Definitions;

/// <summary>
/// Payer classes used for the payer stratifier and coverage criteria. The shipped coverage view
/// (src/Lodestar.Fhir/Views/Definitions/coverage.json, column payer_type) classifies the PHDSC Source of
/// Payment Typology (urn:oid:2.16.840.1.113883.3.221.5) by its first digit, and these are its values:
/// 1 Medicare, 2 Medicaid, 3 other government and 4 corrections → other public, 5–6 private and BCBS →
/// private, 8 no payment (81 self-pay, 82 charity) → self-pay/uninsured, 7 (managed care, public or
/// private unknown) and 9 → other. Raw codes from a replaced view are classified the same way here.
/// </summary>
public static class PayerTypes
{
    public const string Medicare = "medicare";
    public const string Medicaid = "medicaid";
    public const string Private = "private";
    public const string OtherPublic = "other_public";
    public const string Uninsured = "self_pay_uninsured";
    public const string Other = "other";

    public static readonly IReadOnlyList<string> All = [Medicare, Medicaid, Private, OtherPublic, Uninsured, Other];

    /// <summary>Friendly names a replaced coverage view may store instead of the class names.</summary>
    private static readonly Dictionary<string, string> Aliases = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["uninsured"] = Uninsured,
        ["self-pay"] = Uninsured,
        ["other-public"] = OtherPublic,
    };

    /// <summary>The class of a source-of-payment code, or of a class name already classified by a view.</summary>
    public static string? Classify(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        if (All.Contains(value))
        {
            return value;
        }
        if (Aliases.TryGetValue(value, out var named))
        {
            return named;
        }
        return value[0] switch
        {
            '1' => Medicare,
            '2' => Medicaid,
            '3' or '4' => OtherPublic,
            '5' or '6' => Private,
            '8' => Uninsured,
            '7' or '9' => Other,
            _ => null,
        };
    }

    public static string Label(string payerType) => payerType switch
    {
        Medicare => "Medicare",
        Medicaid => "Medicaid",
        Private => "Private",
        OtherPublic => "Other public",
        Uninsured => "Self-pay / uninsured",
        Other => "Other",
        _ => payerType,
    };
}
