using Hl7.Fhir.Model;
using SpineDecision.Cases;

namespace SpineDecision.Fhir.Mapping;

/// <summary>Implanted neuromodulation devices, from Device resources and from implant and explant procedures.</summary>
internal sealed partial class MappingSession
{
    /// <summary>CPT removals of a spinal neurostimulator's electrodes (CLINICAL.md §11: 63661–63664 removal/revision;
    /// only the two removals say the system is out, 63663–63664 are revisions and 63688 is "revision or removal").</summary>
    private static readonly Dictionary<string, string> ExplantCodes = new(StringComparer.Ordinal)
    {
        ["63661"] = "scs", ["63662"] = "scs",
    };

    /// <summary>The procedure concepts that implant a device, and the device they leave.</summary>
    private static readonly Dictionary<string, string> ImplantConcepts = new(StringComparer.Ordinal)
    {
        ["scs-implant"] = "scs", ["intrathecal-pump"] = "intrathecal-pump",
    };

    /// <summary>What one resource says about a device: a Device resource states the current status; procedures are
    /// events, of which the latest counts.</summary>
    private sealed record DeviceEvent(string Kind, string? Status, string? Reason, DateOnly? Date, string Source, bool Stated);

    /// <summary>Records the device an implant or explant procedure leaves, if it is one.</summary>
    private void MapDeviceProcedure(string source, string? procedureConcept, CodeableConcept? code, DateOnly? date)
    {
        if (procedureConcept is not null && ImplantConcepts.TryGetValue(procedureConcept, out var implanted))
        {
            // Implanted and no later explant or failure recorded: read as working (for the SCS exclusions working,
            // failed and explanted all withhold a new trial; a failure is recorded on a Device resource).
            _deviceEvents.Add(new DeviceEvent(implanted, "working", null, date, source, Stated: false));
            return;
        }

        var explanted = code?.Coding.Where(c => c.System == "http://www.ama-assn.org/go/cpt").Select(c => ExplantCodes.GetValueOrDefault(c.Code ?? "")).FirstOrDefault(k => k is not null);
        if (explanted is not null)
        {
            _deviceEvents.Add(new DeviceEvent(explanted, "explanted", null, date, source, Stated: false));
        }
    }

    private void MapDevice(string source, Device device)
    {
        var status = FhirValues.Literal(device.StatusElement);
        if (status == "entered-in-error")
        {
            Ignore(source, FhirIgnoreReason.EnteredInError, "Device entered in error");
            return;
        }

        if (_vocabulary.Choose(device.Type, "device-kind") is not { Concept: { } kind })
        {
            // Synthea and EHR exports list many devices (glucose monitors, stents): one line per run, not one each.
            Tally("Device", FhirIgnoreReason.Unused, "device(s) of a type the device-kind set does not claim");
            return;
        }

        var stated = device.StatusReason.Select(r => _vocabulary.Choose(r, "device-status")?.Concept).FirstOrDefault(s => s is not null);
        var reason = device.StatusReason.Select(r => _vocabulary.Choose(r, "device-event-reason")?.Concept).FirstOrDefault(s => s is not null);
        var deviceStatus = stated ?? (status == "active" ? "working" : null);
        _deviceEvents.Add(new DeviceEvent(kind, deviceStatus, reason, null, source, Stated: true));
        if (deviceStatus is null)
        {
            Ignore(source, FhirIgnoreReason.InvalidValue,
                $"{kind}: status {status ?? "(none)"} does not say working, failed or explanted (statusReason in {SpineDecisionFhirUris.ConceptSystem("device-status")} does)");
        }
    }

    /// <summary>One device per kind: a Device resource's stated status, else the latest implant or explant. A device
    /// whose status stays unknown leaves the whole list unknown, so the rules ask rather than pass it.</summary>
    private void FinishDevices()
    {
        var unknown = new List<string>();
        foreach (var group in _deviceEvents.GroupBy(e => e.Kind, StringComparer.Ordinal))
        {
            var chosen = group.Where(e => e.Stated).LastOrDefault()
                ?? group.OrderBy(e => e.Date ?? DateOnly.MinValue).Last();
            if (chosen.Status is null)
            {
                unknown.Add($"{chosen.Kind} ({chosen.Source})");
                continue;
            }

            var date = chosen.Date ?? group.Where(e => e.Date is not null).Select(e => e.Date).LastOrDefault();
            Add(chosen.Stated ? MappingTable.Devices : MappingTable.DeviceProcedures, "devices",
                new ImplantedDevice { Kind = chosen.Kind, Status = chosen.Status, Reason = chosen.Reason, Date = date }, chosen.Source,
                $"{chosen.Kind} {chosen.Status}" + (date is { } d ? $" ({Iso(d)})" : ""));
        }

        if (unknown.Count > 0)
        {
            _leftUnknown.Add("devices");
            Ignore("devices", FhirIgnoreReason.Unused,
                $"left unknown: the status of {string.Join(", ", unknown)} is not recorded, so the device exclusions cannot be read");
        }
    }
}
