/// Average viable recall: the area under recall against false accepts per hour over [0, 2] FAH, divided by 2,
/// so a perfect model scores 1 (SPEC §5).
///
/// The per-cutoff (FAH, recall) points, sorted by FAH, are joined by straight lines (trapezoid rule) starting
/// from (0 FAH, 0 recall), which a cutoff above every score always reaches. Where the curve passes 2 FAH,
/// recall at exactly 2 is interpolated between the last point at or below 2 and the first above it. When every
/// cutoff stays below 2 FAH, recall is held at its last value up to 2: no cutoff could trade more false
/// accepts for more recall. No points: 0.
public func averageViableRecall(recall: [Double], perHour: [Double]) throws(MetricsError) -> Double {
    let limit = viableRateLimit
    let points = try CurvePoints.recallByRate(recall: recall, perHour: perHour)
    if points.x.isEmpty { return 0 }
    var xs = [0.0] + points.x
    var ys = [0.0] + points.y
    if let beyond = xs.firstIndex(where: { $0 > limit }) {
        let before = beyond - 1 // ≥ 0 because xs[0] == 0
        let end = ys[before] + (ys[beyond] - ys[before]) * (limit - xs[before]) / (xs[beyond] - xs[before])
        xs = Array(xs[..<beyond]) + [limit]
        ys = Array(ys[..<beyond]) + [end]
    } else {
        xs.append(limit)
        ys.append(ys[ys.count - 1])
    }
    var area = 0.0
    for index in 1 ..< xs.count {
        area += (xs[index] - xs[index - 1]) * (ys[index] + ys[index - 1]) / 2
    }
    return area / limit
}

/// The upper end of the FAH range average viable recall integrates over.
public let viableRateLimit = 2.0
