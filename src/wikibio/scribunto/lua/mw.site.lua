-- mw.site: the wiki's name, server and namespaces (Scribunto reference manual, "Site
-- library"), from the expander's ExpansionSite.  Written for wikibio.
return function ( mw, py, rt )
	local info = rt.call( 'siteInfo' )
	local site = {
		siteName = info.siteName,
		server = info.server,
		scriptPath = info.scriptPath,
		stylePath = info.scriptPath .. '/skins',
		currentVersion = info.currentVersion,
		wikiId = info.wikiId,
	}

	local function key( name )
		name = string.lower( string.gsub( name, '[%s_]+', ' ' ) )
		return ( string.gsub( name, '^ *(.-) *$', '%1' ) )
	end

	local byName = {}
	local namespaces, content, subject, talk = {}, {}, {}, {}
	for _, ns in ipairs( info.namespaces ) do
		local aliases = {}
		for i, a in ipairs( ns.aliases ) do
			aliases[i] = a
		end
		ns.aliases = aliases
		namespaces[ns.id] = ns
		byName[key( ns.name )] = ns
		byName[key( ns.canonicalName )] = ns
		for _, a in ipairs( aliases ) do
			byName[key( a )] = ns
		end
	end
	for id, ns in pairs( namespaces ) do
		if id >= 0 then
			if id % 2 == 0 then
				ns.subject = ns
				ns.talk = namespaces[id + 1]
				ns.associated = ns.talk
			else
				ns.subject = namespaces[id - 1]
				ns.talk = ns
				ns.associated = ns.subject
			end
		else
			ns.subject = ns
		end
		if ns.isContent then
			content[id] = ns
		end
		if ns.isSubject then
			subject[id] = ns
		end
		if ns.isTalk then
			talk[id] = ns
		end
	end
	local function lookup( t, k )
		if type( k ) == 'string' then
			local ns = byName[key( k )]
			if ns then
				return ns
			end
			local n = tonumber( k )
			if n then
				return namespaces[n]
			end
		end
		return nil
	end
	site.namespaces = setmetatable( namespaces, { __index = lookup } )
	site.contentNamespaces = setmetatable( content, { __index = lookup } )
	site.subjectNamespaces = setmetatable( subject, { __index = lookup } )
	site.talkNamespaces = setmetatable( talk, { __index = lookup } )

	-- a dump has no statistics: zeros, as a wiki with nothing counted
	site.stats = {
		pages = 0, articles = 0, files = 0, edits = 0, users = 0, activeUsers = 0, admins = 0,
	}
	function site.stats.pagesInCategory( category, which )
		mw.incrementExpensiveFunctionCount()
		if which == '*' then
			return { all = 0, subcats = 0, files = 0, pages = 0 }
		end
		return 0
	end
	function site.stats.pagesInNamespace( ns )
		return 0
	end
	function site.stats.usersInGroup( group )
		return 0
	end

	function site.interwikiMap( filter )
		if filter ~= nil then
			if type( filter ) ~= 'string' then
				error( "bad argument #1 to 'interwikiMap' (string expected, got " .. type( filter ) .. ")", 2 )
			end
			if filter ~= 'local' and filter ~= '!local' then
				error( "bad argument #1 to 'interwikiMap' (unknown filter '" .. filter .. "')", 2 )
			end
		end
		return {}
	end

	return site
end
