-- reporting.lua: wrk script of bench/reporting.sh. Each thread posts its
-- share of the prepared bodies (args: file, threads, refs prefix) in
-- order, one per request (challenges are single-use: past the end it
-- replays its first body, which the server refuses), counts answers by
-- status, and appends the reference of every 201 to REFS.<thread> at
-- once, so the count of acknowledged reports survives a killed server.
local threads = {}
local next_id = 1

function setup(thread)
	thread:set("id", next_id)
	next_id = next_id + 1
	table.insert(threads, thread)
end

function init(args)
	local n = tonumber(args[2])
	bodies = {}
	local i = 0
	for line in io.lines(args[1]) do
		if i % n == id - 1 then
			table.insert(bodies, line)
		end
		i = i + 1
	end
	pos = 0
	refs = io.open(args[3] .. "." .. id, "a")
	statuses = {}
end

function request()
	pos = pos + 1
	local b = bodies[pos] or bodies[1]
	return wrk.format("POST", "/report",
	    { ["Content-Type"] = "application/x-www-form-urlencoded" }, b)
end

function response(status, headers, body)
	statuses[status] = (statuses[status] or 0) + 1
	if status == 201 then
		local ref = string.match(body,
		    'id="reference">(R%-%w%w%w%w%-%w%w%w%w)<')
		if ref then
			refs:write(ref .. "\n")
			refs:flush()
		end
	end
end

function done(summary, latency, requests)
	local total = {}
	for _, t in ipairs(threads) do
		for s, n in pairs(t:get("statuses")) do
			total[s] = (total[s] or 0) + n
		end
	end
	local line = "statuses:"
	for _, s in ipairs({ 201, 400, 409, 413, 429, 500, 503 }) do
		line = line .. string.format(" %d=%d", s, total[s] or 0)
	end
	io.write(line .. "\n")
	io.write(string.format("accepted/s: %.1f\n", (total[201] or 0) /
	    (summary.duration / 1e6)))
	io.write(string.format("p50 %.2f ms, p99 %.2f ms (all posts)\n",
	    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
