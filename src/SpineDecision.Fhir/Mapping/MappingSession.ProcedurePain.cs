using System.Globalization;
using Hl7.Fhir.Model;

namespace SpineDecision.Fhir.Mapping;

/// <summary>Pain scored before and after a procedure: NRS Observations linked to the Procedure by <c>partOf</c>.</summary>
internal sealed partial class MappingSession
{
    /// <summary>Indexes an Observation by the Procedures it is part of; true when it is part of one (it is then read
    /// with the procedure, never as the current pain).</summary>
    private void IndexProcedurePart(Observation observation)
    {
        foreach (var reference in observation.PartOf)
        {
            if (reference.Reference is { } r && (r.StartsWith("urn:uuid:", StringComparison.Ordinal) || LastTwo(r).StartsWith("Procedure/", StringComparison.Ordinal)))
            {
                var key = r.StartsWith("urn:uuid:", StringComparison.Ordinal) ? r : LastTwo(r);
                (_partsByProcedure.TryGetValue(key, out var list) ? list : _partsByProcedure[key] = []).Add(observation);
            }
        }
    }

    private bool IsProcedurePart(Observation observation) =>
        observation.PartOf.Any(r => Resolve(r) is Procedure);

    /// <summary>The Observations part of a procedure, each once.</summary>
    private List<Observation> PartsOf(string id) => _partsByProcedure.Count == 0 ? [] // most Bundles link no pain scores
        : _partsByProcedure.GetValueOrDefault($"Procedure/{id}", []).Concat(_partsByProcedure.GetValueOrDefault($"urn:uuid:{id}", [])).Distinct().ToList();

    /// <summary>Reports the Observations part of a therapy or trial, whose pain scores the case has no field for (a
    /// trial's relief is its relief-percent extension); without this they would vanish from the report.</summary>
    private void IgnoreParts(string source, Procedure procedure, string kind)
    {
        foreach (var observation in procedure.Id is { } id ? PartsOf(id) : [])
        {
            Ignore(observation.Id is { } oid ? $"Observation/{oid}" : $"an Observation part of {source}", FhirIgnoreReason.Unused,
                $"part of {source}, a {kind}: pain scores are read only for procedures (priorProcedures[].painBefore/painAfter)");
        }
    }

    /// <summary>The pain before (the latest reading before) and after (the one reading after) a procedure.</summary>
    private (double? Before, double? After) ProcedurePain(string source, Procedure procedure)
    {
        if (procedure.Id is not { } id)
        {
            return (null, null);
        }

        var parts = PartsOf(id);
        if (parts.Count == 0)
        {
            return (null, null);
        }

        var before = new List<(DateTimeOffset? At, double Score, string Source)>();
        var after = new List<(DateTimeOffset? At, double Score, string Source)>();
        foreach (var observation in parts)
        {
            var label = observation.Id is { } oid ? $"Observation/{oid}" : $"an Observation part of {source}";
            if (!Current(label, "Observation", FhirValues.Literal(observation.StatusElement))
                || AfterAssessment(label, FhirValues.Date(observation.Effective)))
            {
                continue;
            }

            if (!FhirValues.Has(observation.Code, MappingTable.Loinc, "72514-3"))
            {
                Ignore(label, FhirIgnoreReason.Unused, $"part of {source}, but not a pain score (LOINC 72514-3)");
                continue;
            }

            if (FhirValues.Number(observation.Value) is not { } number || Unitless(number.Unit, number.Value) is not { } score || score is < 0 or > 10)
            {
                Ignore(label, FhirIgnoreReason.InvalidValue, $"part of {source}: no 0–10 pain score without a unit");
                continue;
            }

            switch (Timing(observation, procedure))
            {
                case "before": before.Add((Instant(observation.Effective), score, label)); break;
                case "after": after.Add((Instant(observation.Effective), score, label)); break;
                default:
                    Ignore(label, FhirIgnoreReason.Unused,
                        $"part of {source}, but its date cannot tell before from after the procedure (times, or the extension {SpineDecisionFhirUris.ProcedurePainTimingExtension}, can)");
                    break;
            }
        }

        double? painBefore = null, painAfter = null;
        if (before.Count > 0)
        {
            var latest = before.OrderBy(b => b.At ?? DateTimeOffset.MinValue).Last();
            painBefore = latest.Score;
            _mapped.Add(new FhirMappedItem(latest.Source, "priorProcedures[].painBefore", FhirValues.Show(latest.Score)));
            foreach (var earlier in before.Where(b => b != latest))
            {
                Ignore(earlier.Source, FhirIgnoreReason.Superseded, $"painBefore of {source}: {latest.Source} is later");
            }
        }

        if (after.Count == 1)
        {
            painAfter = after[0].Score;
            _mapped.Add(new FhirMappedItem(after[0].Source, "priorProcedures[].painAfter", FhirValues.Show(after[0].Score)));
        }
        else
        {
            // No source says which of several post-procedure scores (peak, last, mean) gives the relief: left unknown.
            foreach (var reading in after)
            {
                Ignore(reading.Source, FhirIgnoreReason.Unused, $"one of {after.Count} pain scores after {source}: the mapping does not choose one, so painAfter stays unknown");
            }
        }

        if (painBefore is not null || painAfter is not null)
        {
            _rowsUsed.Add(MappingTable.ProcedurePain.Id);
        }

        return (painBefore, painAfter);
    }

    private static string? Timing(Observation observation, Procedure procedure)
    {
        if (FhirValues.Extension(observation, SpineDecisionFhirUris.ProcedurePainTimingExtension)?.Value is Code { Value: "before" or "after" } code)
        {
            return code.Value;
        }

        var (start, end) = procedure.Performed switch
        {
            Period period => (period.Start, period.End ?? period.Start),
            FhirDateTime dateTime => (dateTime.Value, dateTime.Value),
            _ => (null, null),
        };
        var at = observation.Effective switch
        {
            FhirDateTime dateTime => dateTime.Value,
            Instant instant => instant.Value?.ToString("o", CultureInfo.InvariantCulture),
            Period period => period.Start,
            _ => null,
        };
        if (at is null || start is null || end is null)
        {
            return null;
        }

        if (Instant(at) is { } a && Instant(start) is { } s && Instant(end) is { } e)
        {
            return a < s ? "before" : a > e ? "after" : null;
        }

        return FhirValues.Date(at) is { } day && FhirValues.Date(start) is { } first && FhirValues.Date(end) is { } last
            ? day < first ? "before" : day > last ? "after" : null
            : null;
    }

    /// <summary>The instant of a dateTime that has a time; null for a date alone.</summary>
    private static DateTimeOffset? Instant(string? value) =>
        value is { Length: > 10 } && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    private static DateTimeOffset? Instant(DataType? value) => value switch
    {
        FhirDateTime dateTime => Instant(dateTime.Value),
        Instant instant => instant.Value,
        Period period => Instant(period.Start),
        _ => null,
    };
}
